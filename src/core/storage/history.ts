import type { MethodOutput, MethodParams } from '../../shared/contract';
import { ApiError, ErrorCode, notFound } from '../../shared/errors';
import type { HistoryReader } from '../db/history';
import type { Registry } from '../model/registry';

/** History of one point as the contract answers it: the point checked, then read from raw samples or rollups. */
export class HistoryService {
  constructor(
    private readonly registry: Registry,
    private readonly reader: HistoryReader,
  ) {}

  query(q: MethodParams<'history.query'>): MethodOutput<'history.query'> {
    const point = this.registry.pointById(q.point);
    if (!point) throw notFound(`point ${q.point}`);
    if (point.valueType === 'string') {
      throw new ApiError(ErrorCode.InvalidParams, `point ${point.key} holds text; it has no numeric history`);
    }
    return { point: q.point, ...this.reader.query(q.point, q.from, q.to, q.maxPoints) };
  }
}
