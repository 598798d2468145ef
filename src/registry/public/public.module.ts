// Public read routes (DESIGN §4, no API key): serial lookup and retirement records. They read the
// batch stream and the `batches`/`retirements` read models of other slices; they own no table.
import { Module } from '@nestjs/common';
import { PublicRetirementsController } from './public-retirements/public-retirements.http';
import { PublicSerialController } from './public-serial/public-serial.http';
import { PublicSerialLookup } from './public-serial/public-serial.query';

@Module({
  controllers: [PublicSerialController, PublicRetirementsController],
  providers: [PublicSerialLookup],
})
export class PublicModule {}
