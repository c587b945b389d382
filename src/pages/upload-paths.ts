/** The page forms that upload a file (multipart/form-data); every other page form is url-encoded. See request-context.ts. */
export const REGISTER_IMPORT_PATH = '/bestuur/leden/importeren';

export const PAGE_UPLOAD_PATHS = [REGISTER_IMPORT_PATH];
