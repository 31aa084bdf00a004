import { TopologyView } from '@/components/networks/topology-view';

export default function TopologyPage() {
  return <TopologyView />;
}
