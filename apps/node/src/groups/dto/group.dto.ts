import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString } from 'class-validator';

/** Body of POST /v1/groups: open a closed user group owned by this node. */
export class CreateGroupDto {
  @ApiProperty({
    description: 'Group id, a lowercase subject token unique in the network.',
    example: 'op-panj-2025',
  })
  @IsString()
  id: string;

  @ApiProperty({ example: 'Operation Panj 2025' })
  @IsString()
  name: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Members admitted besides this node.',
    example: ['tj-border'],
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  members?: string[];
}

/** Body of POST /v1/groups/:id/members. */
export class AddMemberDto {
  @ApiProperty({ example: 'unodc' })
  @IsString()
  node: string;
}

export class GroupViewDto {
  @ApiProperty() group: string;
  @ApiProperty() name: string;
  @ApiProperty() owner: string;
  @ApiProperty({ type: [String] }) members: string[];
}
