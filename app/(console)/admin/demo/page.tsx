import { notFound } from 'next/navigation';
import { DemoPanel } from '@/components/demo/demo-panel';
import { config } from '@/server/config';
import { requireAdminPage } from '../require-admin';

/** The presenter's panel: administrators on the simulator only (absent on real backends, like its nav entry). */
export default async function DemoPage() {
  await requireAdminPage('/admin/demo');
  if (config().YUNTU_BACKEND !== 'sim') notFound();
  return <DemoPanel />;
}
