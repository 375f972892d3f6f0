import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegistryIndex } from '#registry';
import { Roles } from '../access/route-access.js';
import { ReferenceDto } from './dto/reference.dto.js';

@ApiTags('reference')
@Controller('v1/reference')
export class ReferenceController {
  constructor(private readonly registry: RegistryIndex) {}

  @Get()
  @Roles('reader', 'author', 'supervisor')
  @ApiOperation({
    summary: 'The registry’s regions, border sections, crossing points and nodes, without keys',
    description:
      'What a desk needs to address and place a message and to draw the map; current as the node ' +
      'reloads its registry file.',
  })
  @ApiOkResponse({ type: ReferenceDto })
  reference(): ReferenceDto {
    return {
      regions: this.registry.regionList().map(({ id, name }) => ({ id, name })),
      sections: this.registry.borderSections().map(({ id, name, countries, regions }) => ({
        id,
        name,
        countries: [...countries],
        regions: [...regions],
      })),
      crossingPoints: this.registry.crossingPointList().map(({ id, name, section, location }) => ({
        id,
        name,
        section,
        lat: location.lat,
        lon: location.lon,
      })),
      nodes: this.registry
        .nodes()
        .filter((node) => node.kind !== 'hub')
        .map(({ id, name, kind, organisation, country }) => ({
          id,
          name,
          kind,
          organisation,
          ...(country === undefined ? {} : { country }),
        })),
    };
  }
}
