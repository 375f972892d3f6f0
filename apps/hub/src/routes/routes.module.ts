import { Module } from '@nestjs/common';
import { RouteRecordRepository } from './route-record.repository.js';
import { RouteRecordStore } from './route-record.store.js';

/** Route records: what was routed to whom, recalled by receipts, replies and releases. */
@Module({
  providers: [{ provide: RouteRecordStore, useClass: RouteRecordRepository }],
  exports: [RouteRecordStore],
})
export class RoutesModule {}
