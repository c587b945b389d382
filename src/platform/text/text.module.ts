import { Global, Module } from '@nestjs/common';
import { PageRenderer } from '../http/page-renderer';
import { Templates } from './templates';

@Global()
@Module({
  providers: [{ provide: Templates, useFactory: () => new Templates() }, PageRenderer],
  exports: [Templates, PageRenderer],
})
export class TextModule {}
