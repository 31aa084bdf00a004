import { LoadBalancerDetail } from '@/components/load-balancers/load-balancer-detail';

export default async function LoadBalancerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LoadBalancerDetail id={id} />;
}
