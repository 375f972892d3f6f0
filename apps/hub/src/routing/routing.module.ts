import { Module } from '@nestjs/common';
import { RecipientResolverService } from './recipient-resolver.service.js';
import { RouteRecordRepository } from './route-record.repository.js';
import { RouteRecordStore } from './route-record.store.js';

/** Who receives what: the recipient policy and the route records it consults. */
@Module({
  providers: [RecipientResolverService, { provide: RouteRecordStore, useClass: RouteRecordRepository }],
  exports: [RecipientResolverService, RouteRecordStore],
})
export class RoutingModule {}
