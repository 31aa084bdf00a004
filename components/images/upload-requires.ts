import type { OperationKey } from '@/lib/api/capabilities';

/** Uploading an image creates an empty image, then sends its file: a backend must do both parts. */
export const imageUploadRequires: readonly OperationKey[] = ['POST /images#metadata', 'PUT /images/{id}/file'];
