import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LOGGER } from '#runtime';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { DESK_PATH } from './desk-content-policy.js';
import { DeskController } from './desk.controller.js';
import { findDeskFiles } from './desk-files.js';
import { ReferenceController } from './reference.controller.js';

// Vite names every built asset by its content's hash: a file never changes, only the index does.
function cacheHeaders(response: Response, path: string): void {
  response.setHeader(
    'cache-control',
    path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  );
}

/**
 * The agency desk (apps/desk), the web app for the agency's people: its files under /desk/ with every
 * other path under it answered by its index (the app routes in the browser), the node's root leading
 * there, its sign-in settings, and the registry's reference data it addresses messages with. The files
 * are open to anyone, as any web app's are; everything they show comes from /v1 with the person's
 * token. A node whose desk was not built serves the API alone.
 */
@Module({
  imports: [
    ServeStaticModule.forRootAsync({
      inject: [LOGGER],
      useFactory: (logger: Logger) => {
        const rootPath = findDeskFiles();
        if (rootPath === undefined) {
          logger.warn('the desk is not built (npm run build): /desk/ serves nothing');
          return [];
        }
        return [
          {
            rootPath,
            serveRoot: DESK_PATH,
            serveStaticOptions: { index: 'index.html', setHeaders: cacheHeaders, dotfiles: 'deny' },
          },
        ];
      },
    }),
  ],
  controllers: [DeskController, ReferenceController],
})
export class DeskModule {}
