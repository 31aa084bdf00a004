import { ProjectsView } from '@/components/admin/projects-view';
import { requireAdminPage } from '../require-admin';

export default async function ProjectsPage() {
  await requireAdminPage('/admin/projects');
  return <ProjectsView />;
}
