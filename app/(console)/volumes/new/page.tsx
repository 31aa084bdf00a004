import { VolumeWizard } from '@/components/volumes/volume-wizard';

export default function NewVolumePage() {
  return <VolumeWizard />;
}
