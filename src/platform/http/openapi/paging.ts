import { Type as TypeOf } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** `?page=1&size=100`: pages count from 1; size at most 1000. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1, description: 'the page, counting from 1' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: `items per page, at most ${MAX_PAGE_SIZE}`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  size?: number;
}

export interface PageRequest {
  page: number;
  size: number;
  offset: number;
}

export function pageRequest(query: PageQueryDto | undefined): PageRequest {
  const page = query?.page ?? 1;
  const size = query?.size ?? DEFAULT_PAGE_SIZE;
  return { page, size, offset: (page - 1) * size };
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

/** One page of a list already in memory (short lists: accounts, schemes, consultations). */
export function pageOf<T>(all: T[], request: PageRequest): Page<T> {
  return { items: all.slice(request.offset, request.offset + request.size), page: request.page, size: request.size, total: all.length };
}

/**
 * The response class of a page of `item`, named `name` in the document (e.g. MemberPage), so a
 * generated client has one type per paged list.
 */
export function PageOf<T>(item: TypeOf<T>, name: string): TypeOf<Page<T>> {
  class PageClass implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
    page: number;

    @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, example: DEFAULT_PAGE_SIZE })
    size: number;

    @ApiProperty({ type: 'integer', minimum: 0, description: 'items in all pages together', example: 355 })
    total: number;
  }
  Object.defineProperty(PageClass, 'name', { value: name });
  return PageClass;
}
