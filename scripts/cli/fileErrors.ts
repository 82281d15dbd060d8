/** File-system errors worded as what they are (issue 13, defect 7), never as "the model could not run". */
import { EngineError } from '../../src/lib/core/errors';

const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'there is no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'the path is a loop of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'the file is busy',
  EXDEV: 'the temporary file is on another device',
};

/** `action` says what was being done, e.g. 'write --out "a.json"'. */
export function fileSystemError(error: unknown, action: string): EngineError {
  if (error instanceof EngineError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const cause = CAUSES[code] ?? (error instanceof Error ? error.message : String(error));
  return new EngineError(
    'file-system',
    `Could not ${action}: ${cause}${code && CAUSES[code] ? ` (${code})` : ''}.`,
    'This is a problem with the file or folder, not with the model: check the path, its permissions and the free space.',
  );
}
