import { SecurityGroupDetail } from '@/components/security-groups/security-group-detail';

export default async function SecurityGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SecurityGroupDetail id={id} />;
}
