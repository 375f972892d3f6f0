import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module.js';
import { SentModule } from '../sent/sent.module.js';
import { HeldIndexesModule } from '../indexes/held-indexes.module.js';
import { HeldMessages } from './held-messages.service.js';

/** What the views read: the indexes, and the messages they name as the reader may see them. */
@Module({
  imports: [HeldIndexesModule, InboxModule, SentModule],
  providers: [HeldMessages],
  exports: [HeldMessages, HeldIndexesModule],
})
export class HeldMessagesModule {}
