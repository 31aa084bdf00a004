import { ImageDetail } from '@/components/images/image-detail';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ImageDetail id={id} />;
}
