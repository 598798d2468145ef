// GET /v1/public/serials/:serial (public, no key): the status of one unit (available, reserved,
// held, retired, cancelled), its batch and site, and for a retired unit its certificate.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../access/auth/access.decorators';
import { NoQueryParamsPipe } from '../../../access/http/no-query.pipe';
import { PublicSerialLookup } from './public-serial.query';
import { PublicSerialView } from './public-serial.view';

@ApiTags('public')
@Controller('v1/public/serials')
export class PublicSerialController {
  constructor(private readonly lookup: PublicSerialLookup) {}

  @Get(':serial')
  @Public()
  @ApiParam({ name: 'serial', example: 'RCC-KAM-2023-0001-000417' })
  @ApiOkResponse({ type: PublicSerialView })
  @ApiBadRequestResponse({ description: 'Not a serial number in canonical form (SERIAL.INVALID)' })
  @ApiNotFoundResponse({ description: 'No such batch, or a unit beyond it (REGISTRY.SERIAL_NOT_FOUND)' })
  serial(@Param('serial') serial: string, @Query(NoQueryParamsPipe) _query: Record<string, never>): Promise<PublicSerialView> {
    return this.lookup.lookUp(serial);
  }
}
