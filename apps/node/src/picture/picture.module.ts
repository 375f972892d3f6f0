import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module.js';
import { SentModule } from '../sent/sent.module.js';
import { PictureController } from './picture.controller.js';
import { PictureService } from './picture.service.js';
import { SectionIndexModule } from './section-index.module.js';

/** The situational picture per border section. */
@Module({
  imports: [SectionIndexModule, InboxModule, SentModule],
  controllers: [PictureController],
  providers: [PictureService],
})
export class PictureModule {}
