import { FlavorsPage } from '@/components/flavors/flavors-page';

export default function Page() {
  return <FlavorsPage />;
}
