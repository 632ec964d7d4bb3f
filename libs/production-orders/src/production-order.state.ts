/** ISA-95 style order lifecycle. The one place that says which transition is legal. */
export enum OrderStatus {
  Created = 'CREATED',
  Released = 'RELEASED',
  InProgress = 'IN_PROGRESS',
  Completed = 'COMPLETED',
  Cancelled = 'CANCELLED',
}

export type OrderAction = 'release' | 'start' | 'complete' | 'cancel';

export const TRANSITIONS: Readonly<Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }>> = {
  release: { from: [OrderStatus.Created], to: OrderStatus.Released },
  start: { from: [OrderStatus.Released], to: OrderStatus.InProgress },
  complete: { from: [OrderStatus.InProgress], to: OrderStatus.Completed },
  cancel: { from: [OrderStatus.Created, OrderStatus.Released], to: OrderStatus.Cancelled },
};

/** States in which the ERP may still change the order's plan with PATCH. */
export const EDITABLE: readonly OrderStatus[] = [OrderStatus.Created, OrderStatus.Released];

/** States in which the MES may report production. */
export const CONFIRMABLE: readonly OrderStatus[] = [OrderStatus.InProgress];

/** Confirmed yield plus scrap may not exceed this multiple of the ordered quantity (1000%). */
export const MAX_CONFIRMATION_FACTOR = 10;

export const EVENT_NAMES: Readonly<Record<OrderAction, string>> = {
  release: 'released',
  start: 'started',
  complete: 'completed',
  cancel: 'cancelled',
};
