import { CoreSchema1764374400000 } from './1764374400000-CoreSchema';
import { AuditLog1764547200000 } from './1764547200000-AuditLog';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set from TS or JS. */
export const ALL_MIGRATIONS = [CoreSchema1764374400000, AuditLog1764547200000];
