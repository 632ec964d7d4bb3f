import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { canAccessPlant, Principal } from '@mw/auth';
import { UnitOfWork, uuidv7 } from '@mw/database';
import { DomainError, ErrorCode, fieldErrors } from '@mw/http';
import { OutboxWriter } from '@mw/outbox';
import { ConfirmationDto, CreateConfirmationDto } from './dto/confirmation.dto';
import { ListProductionOrdersQuery } from './dto/list-production-orders.query';
import { CreateProductionOrderDto } from './dto/production-order.dto';
import { ProductionOrderDto, ProductionOrderPageDto } from './dto/production-order.response';
import { PATCHABLE_FIELDS } from './dto/patch-production-order.dto';
import { ORDER_EVENTS, orderEvent } from './production-order.events';
import { CONFIRMABLE, EDITABLE, EVENT_NAMES, MAX_CONFIRMATION_FACTOR, OrderAction, TRANSITIONS } from './production-order.state';
import { PlantScope, ProductionOrdersRepository } from './production-orders.repository';
import { applyMergePatch } from './merge-patch';
import { decodeCursor, encodeCursor } from './cursor';

function scopeOf(principal: Principal): PlantScope {
  return principal.plants.includes('*') ? null : principal.plants;
}

function notFound(id: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `No production order ${id} is visible to this client.`);
}

@Injectable()
export class ProductionOrdersService {
  constructor(
    private readonly repo: ProductionOrdersRepository,
    private readonly outbox: OutboxWriter,
    private readonly uow: UnitOfWork,
  ) {}

  async create(principal: Principal, dto: CreateProductionOrderDto): Promise<ProductionOrderDto> {
    if (!canAccessPlant(principal, dto.plant)) {
      throw new DomainError(ErrorCode.Forbidden, `This client is not bound to plant ${dto.plant}.`);
    }
    return this.uow.run(async (q) => {
      const order = await this.repo.insert(q, uuidv7(), dto, principal.clientId);
      if (order === null) {
        throw new DomainError(ErrorCode.DuplicateOrder, `Order ${dto.orderNumber} already exists in plant ${dto.plant}.`);
      }
      await this.outbox.enqueue(q, [orderEvent(ORDER_EVENTS.created, { order })]);
      return order;
    });
  }

  async get(principal: Principal, id: string): Promise<ProductionOrderDto> {
    const order = await this.repo.findById(id, scopeOf(principal));
    if (order === undefined) throw notFound(id);
    return order;
  }

  async list(principal: Principal, query: ListProductionOrdersQuery): Promise<ProductionOrderPageDto> {
    const limit = query.limit ?? 50;
    const filterKey = [query.plant, query.status, query.material, query.updatedSince].join('|');
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor, filterKey);
    if (query.plant !== undefined && !canAccessPlant(principal, query.plant)) return { items: [], nextCursor: null };
    const items = await this.repo.list({ ...query, limit: limit + 1, afterId }, scopeOf(principal));
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > limit && last ? encodeCursor(last.id, filterKey) : null };
  }

  async patch(principal: Principal, id: string, expectedVersion: number, patch: unknown): Promise<ProductionOrderDto> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'A JSON merge patch must be an object.', { errors: [{ field: '', reason: 'must be an object' }] });
    }
    const unknown = Object.keys(patch).filter((k) => !(PATCHABLE_FIELDS as readonly string[]).includes(k));
    if (unknown.length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, `Fields that cannot be patched: ${unknown.join(', ')}.`, {
        errors: unknown.map((field) => ({ field, reason: ['orderNumber', 'plant'].includes(field) ? 'identifies the order and cannot change' : 'property should not exist' })),
      });
    }
    return this.uow.run(async (q) => {
      const current = await this.repo.findById(id, scopeOf(principal), q, true);
      if (current === undefined) throw notFound(id);
      if (current.version !== expectedVersion) {
        throw new DomainError(ErrorCode.PreconditionFailed, `The order is at version ${current.version}; If-Match named ${expectedVersion}. Fetch it again.`, {
          headers: { etag: `"${current.version}"` },
        });
      }
      if (!EDITABLE.includes(current.status)) {
        throw new DomainError(ErrorCode.InvalidTransition, `The order is ${current.status}; only ${EDITABLE.join(' or ')} orders can be changed.`, {
          currentStatus: current.status,
        });
      }
      const { id: _id, status: _s, totals: _t, version: _v, createdAt: _c, updatedAt: _u, ...plan } = current;
      const merged = applyMergePatch(plan, patch);
      const dto = plainToInstance(CreateProductionOrderDto, merged);
      let errors: ReturnType<typeof validateSync>;
      try {
        errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
      } catch {
        // class-validator throws on some numbers (exponent form with maxDecimalPlaces): still the caller's input.
        throw new DomainError(ErrorCode.ValidationFailed, 'The patched order is not valid.', { errors: [{ field: '', reason: 'a value could not be validated' }] });
      }
      if (errors.length > 0) {
        throw new DomainError(ErrorCode.ValidationFailed, 'The patched order is not valid.', { errors: fieldErrors(errors) });
      }
      const updated = await this.repo.replaceBody(q, id, expectedVersion, dto);
      if (updated === undefined) throw new DomainError(ErrorCode.PreconditionFailed, 'The order changed concurrently; fetch it again.');
      await this.outbox.enqueue(q, [orderEvent(ORDER_EVENTS.updated, { order: updated, changedFields: Object.keys(patch) })]);
      return updated;
    });
  }

  async transition(principal: Principal, id: string, action: OrderAction): Promise<ProductionOrderDto> {
    const { from, to } = TRANSITIONS[action];
    return this.uow.run(async (q) => {
      const current = await this.repo.findById(id, scopeOf(principal), q, true);
      if (current === undefined) throw notFound(id);
      if (!from.includes(current.status)) {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `Cannot ${action} an order that is ${current.status}; ${action} is allowed from ${from.join(' or ')}.`,
          { currentStatus: current.status, action },
        );
      }
      const updated = await this.repo.setStatus(q, id, from, to);
      if (updated === undefined) throw new DomainError(ErrorCode.Conflict, 'The order changed concurrently; retry.');
      const type = ORDER_EVENTS[EVENT_NAMES[action] as keyof typeof ORDER_EVENTS];
      await this.outbox.enqueue(q, [orderEvent(type, { order: updated, previousStatus: current.status })]);
      return updated;
    });
  }

  async confirm(principal: Principal, id: string, dto: CreateConfirmationDto): Promise<ConfirmationDto> {
    return this.uow.run(async (q) => {
      const current = await this.repo.findById(id, scopeOf(principal), q, true);
      if (current === undefined) throw notFound(id);
      if (!CONFIRMABLE.includes(current.status)) {
        throw new DomainError(ErrorCode.InvalidTransition, `The order is ${current.status}; confirmations are accepted while ${CONFIRMABLE.join(' or ')}.`, {
          currentStatus: current.status,
        });
      }
      const operations = current.operations ?? [];
      if (operations.length > 0 && !operations.some((op) => op.sequence === dto.operation)) {
        throw new DomainError(ErrorCode.UnknownOperation, `Operation ${dto.operation} is not in the order's routing (${operations.map((o) => o.sequence).join(', ')}).`);
      }
      const updated = await this.repo.addToTotals(q, id, dto.yield, dto.scrap ?? 0, MAX_CONFIRMATION_FACTOR);
      if (updated === undefined) {
        const ceiling = current.quantity.value * MAX_CONFIRMATION_FACTOR;
        throw new DomainError(
          ErrorCode.OverConfirmation,
          `Yield and scrap would total ${current.totals.yield + current.totals.scrap + dto.yield + (dto.scrap ?? 0)} ${current.quantity.unit}, above 1000% of the ordered ${current.quantity.value} (${ceiling}).`,
        );
      }
      const confirmation = await this.repo.insertConfirmation(q, uuidv7(), id, dto, principal.clientId);
      await this.outbox.enqueue(q, [orderEvent(ORDER_EVENTS.confirmationRecorded, { order: updated, confirmation })]);
      return confirmation;
    });
  }

  async confirmations(principal: Principal, id: string): Promise<ConfirmationDto[]> {
    await this.get(principal, id);
    return this.repo.listConfirmations(id);
  }
}

