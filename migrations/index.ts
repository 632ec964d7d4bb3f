import { CoreSchema1764374400000 } from './1764374400000-CoreSchema';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set from TS or JS. */
export const ALL_MIGRATIONS = [CoreSchema1764374400000];
