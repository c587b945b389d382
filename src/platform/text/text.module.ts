import { Global, Module } from '@nestjs/common';
import { Templates } from './templates';

@Global()
@Module({
  providers: [{ provide: Templates, useFactory: () => new Templates() }],
  exports: [Templates],
})
export class TextModule {}
