import { Injectable } from '@nestjs/common';
import { Db, Queryable } from '@mw/database';
import type { CreateConfirmationDto, ConfirmationDto } from './dto/confirmation.dto';
import type { CreateProductionOrderDto } from './dto/production-order.dto';
import type { ProductionOrderDto } from './dto/production-order.response';
import { OrderStatus } from './production-order.state';

interface OrderRow {
  id: string;
  plant: string;
  order_number: string;
  status: OrderStatus;
  body: CreateProductionOrderDto;
  yield_total: string | number;
  scrap_total: string | number;
  confirmation_count: number;
  quantity_value: string | number;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

/** jsonb does not keep key order; responses list fields in the documented order. */
function plan(b: CreateProductionOrderDto): CreateProductionOrderDto {
  const drop = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return drop({
    orderNumber: b.orderNumber,
    plant: b.plant,
    material: drop({ code: b.material.code, description: b.material.description, revision: b.material.revision }),
    quantity: { value: b.quantity.value, unit: b.quantity.unit },
    scheduledStart: b.scheduledStart,
    scheduledEnd: b.scheduledEnd,
    priority: b.priority,
    operations: b.operations?.map((o) =>
      drop({ sequence: o.sequence, workCenter: o.workCenter, description: o.description, setupMinutes: o.setupMinutes, runMinutes: o.runMinutes }),
    ),
    components: b.components?.map((c) => ({ material: c.material, quantity: { value: c.quantity.value, unit: c.quantity.unit } })),
    attributes: b.attributes,
  });
}

export function toOrderDto(row: OrderRow): ProductionOrderDto {
  return {
    id: row.id,
    ...plan(row.body),
    status: row.status,
    totals: { yield: Number(row.yield_total), scrap: Number(row.scrap_total), confirmations: Number(row.confirmation_count) },
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  } as ProductionOrderDto;
}

const COLUMNS = `id, plant, order_number, status, body, yield_total, scrap_total, confirmation_count, quantity_value, version, created_at, updated_at`;

/** Plants a caller may see; `null` means every plant. */
export type PlantScope = readonly string[] | null;

function plantClause(scope: PlantScope, params: unknown[]): string {
  if (scope === null) return 'TRUE';
  params.push(scope);
  return `plant = ANY($${params.length}::text[])`;
}

export interface OrderFilter {
  plant?: string;
  status?: OrderStatus;
  material?: string;
  updatedSince?: string;
  afterId?: string;
  limit: number;
}

@Injectable()
export class ProductionOrdersRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the order; returns null when (plant, orderNumber) already exists. */
  async insert(q: Queryable, id: string, dto: CreateProductionOrderDto, createdBy: string): Promise<ProductionOrderDto | null> {
    const rows = await q.query<OrderRow>(
      `INSERT INTO production_orders (id, plant, order_number, status, material_code, quantity_value, quantity_unit, body, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'CREATED', $4, $5, $6, $7, $8, now(), now())
       ON CONFLICT (plant, order_number) DO NOTHING
       RETURNING ${COLUMNS}`,
      [id, dto.plant, dto.orderNumber, dto.material.code, dto.quantity.value, dto.quantity.unit, JSON.stringify(dto), createdBy],
    );
    return rows[0] ? toOrderDto(rows[0]) : null;
  }

  async findIdByNumber(q: Queryable, plant: string, orderNumber: string): Promise<string | undefined> {
    const rows = await q.query<{ id: string }>(`SELECT id FROM production_orders WHERE plant = $1 AND order_number = $2`, [plant, orderNumber]);
    return rows[0]?.id;
  }

  async findById(id: string, scope: PlantScope, q: Queryable = this.db, lock = false): Promise<ProductionOrderDto | undefined> {
    const params: unknown[] = [id];
    const rows = await q.query<OrderRow>(
      `SELECT ${COLUMNS} FROM production_orders WHERE id = $1 AND ${plantClause(scope, params)}${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return rows[0] ? toOrderDto(rows[0]) : undefined;
  }

  /** Keyset page ordered by id (UUIDv7, time-ordered): rows present when a walk starts are never skipped or repeated. */
  async list(filter: OrderFilter, scope: PlantScope): Promise<ProductionOrderDto[]> {
    const params: unknown[] = [];
    const where = [plantClause(scope, params)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.plant !== undefined) add('plant = ?', filter.plant);
    if (filter.status !== undefined) add('status = ?', filter.status);
    if (filter.material !== undefined) add('material_code = ?', filter.material);
    if (filter.updatedSince !== undefined) add('updated_at >= ?::timestamptz', filter.updatedSince);
    if (filter.afterId !== undefined) add('id > ?::uuid', filter.afterId);
    params.push(filter.limit);
    const rows = await this.db.query<OrderRow>(
      `SELECT ${COLUMNS} FROM production_orders WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toOrderDto);
  }

  async replaceBody(q: Queryable, id: string, expectedVersion: number, body: CreateProductionOrderDto): Promise<ProductionOrderDto | undefined> {
    const rows = await q.query<OrderRow>(
      `UPDATE production_orders
          SET body = $3, material_code = $4, quantity_value = $5, quantity_unit = $6, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2
        RETURNING ${COLUMNS}`,
      [id, expectedVersion, JSON.stringify(body), body.material.code, body.quantity.value, body.quantity.unit],
    );
    return rows[0] ? toOrderDto(rows[0]) : undefined;
  }

  async setStatus(q: Queryable, id: string, from: readonly OrderStatus[], to: OrderStatus): Promise<ProductionOrderDto | undefined> {
    const rows = await q.query<OrderRow>(
      `UPDATE production_orders SET status = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = ANY($2::text[])
        RETURNING ${COLUMNS}`,
      [id, from, to],
    );
    return rows[0] ? toOrderDto(rows[0]) : undefined;
  }

  /** Adds to the totals only while the 1000% ceiling holds; the check and the update are one statement. */
  async addToTotals(q: Queryable, id: string, yieldQty: number, scrapQty: number, maxFactor: number): Promise<ProductionOrderDto | undefined> {
    const rows = await q.query<OrderRow>(
      `UPDATE production_orders
          SET yield_total = yield_total + $2, scrap_total = scrap_total + $3, confirmation_count = confirmation_count + 1,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND yield_total + scrap_total + $2 + $3 <= quantity_value * $4
        RETURNING ${COLUMNS}`,
      [id, yieldQty, scrapQty, maxFactor],
    );
    return rows[0] ? toOrderDto(rows[0]) : undefined;
  }

  async insertConfirmation(q: Queryable, id: string, orderId: string, dto: CreateConfirmationDto, recordedBy: string): Promise<ConfirmationDto> {
    const rows = await q.query<{ recorded_at: Date | string }>(
      `INSERT INTO order_confirmations (id, order_id, operation_sequence, yield_quantity, scrap_quantity, scrap_reason, final_confirmation, body, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING recorded_at`,
      [id, orderId, dto.operation, dto.yield, dto.scrap ?? 0, dto.scrapReason ?? null, dto.final ?? false, JSON.stringify(dto), recordedBy],
    );
    return { id, orderId, ...dto, scrap: dto.scrap ?? 0, final: dto.final ?? false, recordedAt: iso(rows[0]?.recorded_at ?? new Date()) };
  }

  async listConfirmations(orderId: string): Promise<ConfirmationDto[]> {
    const rows = await this.db.query<{ id: string; body: CreateConfirmationDto; recorded_at: Date | string }>(
      `SELECT id, body, recorded_at FROM order_confirmations WHERE order_id = $1 ORDER BY recorded_at, id`,
      [orderId],
    );
    return rows.map((r) => ({ id: r.id, orderId, ...r.body, scrap: r.body.scrap ?? 0, final: r.body.final ?? false, recordedAt: iso(r.recorded_at) }));
  }
}
