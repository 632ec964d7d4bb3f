import { CoreSchema1764374400000 } from './1764374400000-CoreSchema';
import { AuditLog1764547200000 } from './1764547200000-AuditLog';
import { QualityDocuments1764633600000 } from './1764633600000-QualityDocuments';
import { EnrichedRecords1764720000000 } from './1764720000000-EnrichedRecords';
import { DocumentReviews1764806400000 } from './1764806400000-DocumentReviews';
import { DocumentKeys1764892800000 } from './1764892800000-DocumentKeys';
import { OrderSearchForms1764979200000 } from './1764979200000-OrderSearchForms';
import { OutboxPendingOrder1765065600000 } from './1765065600000-OutboxPendingOrder';
import { LossCategoryKeys1765152000000 } from './1765152000000-LossCategoryKeys';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set from TS or JS. */
export const ALL_MIGRATIONS = [CoreSchema1764374400000, AuditLog1764547200000, QualityDocuments1764633600000, EnrichedRecords1764720000000, DocumentReviews1764806400000, DocumentKeys1764892800000, OrderSearchForms1764979200000, OutboxPendingOrder1765065600000, LossCategoryKeys1765152000000];
