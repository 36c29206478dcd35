import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The uploads folder (DATA_DIR/uploads): a local copy of what the database holds, so serving an
 * image is a file read. Names are checked by the caller; this only joins them to the folder.
 */
export function createUploadFiles(dir: string) {
  return {
    async read(name: string): Promise<Buffer | undefined> {
      try {
        return await readFile(path.join(dir, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    /** Written under a temporary name and renamed, so a reader never sees half a file. */
    async write(name: string, data: Buffer): Promise<void> {
      await mkdir(dir, { recursive: true });
      const temporary = path.join(dir, `.${name}.${randomUUID()}.tmp`);
      try {
        await writeFile(temporary, data);
        await rename(temporary, path.join(dir, name));
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}

export type UploadFiles = ReturnType<typeof createUploadFiles>;
