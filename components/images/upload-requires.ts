import type { OperationKey } from '@/lib/api/capabilities';

/** Uploading an image creates an empty image, then sends its file: a backend must do both parts. */
export const imageUploadRequires: readonly OperationKey[] = ['POST /images#metadata', 'PUT /images/{id}/file'];

/** Importing from a URL (B.30 源镜像路径) creates an empty image, then asks the cloud to fetch its file. */
export const imageImportRequires: readonly OperationKey[] = ['POST /images#metadata', 'POST /images/{id}/import'];
