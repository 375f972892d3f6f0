import { Module } from '@nestjs/common';
import { PictureController } from './picture.controller.js';
import { PictureService } from './picture.service.js';
import { HeldMessagesModule } from '../held/held-messages.module.js';

/** The situational picture per border section. */
@Module({
  imports: [HeldMessagesModule],
  controllers: [PictureController],
  providers: [PictureService],
})
export class PictureModule {}
