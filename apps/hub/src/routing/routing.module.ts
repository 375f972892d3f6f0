import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { ReleasesModule } from '../releases/releases.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { RoutesModule } from '../routes/routes.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { RecipientResolverService } from './recipient-resolver.service.js';

/**
 * Who receives what: the recipient policy over the registry, closed user groups, the release
 * workflow, the route records of earlier messages and the nodes' narrowings of their subscriptions.
 */
@Module({
  imports: [RoutesModule, GroupsModule, ReleasesModule, RequestsModule, SubscriptionsModule],
  providers: [RecipientResolverService],
  exports: [RecipientResolverService],
})
export class RoutingModule {}
