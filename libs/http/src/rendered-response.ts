import type { Response } from 'express';
import type { RenderedResponse } from './problem';

export function writeRendered(res: Response, rendered: RenderedResponse): void {
  res.status(rendered.status);
  for (const [name, value] of Object.entries(rendered.headers)) res.setHeader(name, value);
  res.end(rendered.body);
}
