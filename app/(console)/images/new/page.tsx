import { ImageUpload } from '@/components/images/image-upload';
import { getTranslator } from '@/lib/i18n/server';

export default async function Page() {
  const t = await getTranslator();
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-xl font-semibold">{t('images.upload')}</h1>
      <ImageUpload />
    </div>
  );
}
