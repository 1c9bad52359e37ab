import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { Public } from '@lessons-network/identity';
import type { Request, Response } from 'express';
import { Pages } from '../render/pages.service';
import { NHSUK_DIST, NHSUK_VERSION, WEB_STATIC } from '../render/web-paths';

/** One day, for files whose URL does not change with their content. */
const ONE_DAY_MS = 86_400_000;
/** One year, for files whose URL names their version (never change under the same URL). */
const ONE_YEAR_MS = 365 * ONE_DAY_MS;

interface Asset {
  readonly file: string;
  readonly maxAge: number;
  readonly immutable: boolean;
}

/** Every file the UI serves, by URL path: nothing outside this list is reachable. */
function assetTable(): Map<string, Asset> {
  const nhsuk = join(NHSUK_DIST, 'nhsuk');
  const table = new Map<string, Asset>([
    [
      `/assets/nhsuk-frontend-${NHSUK_VERSION}.min.css`,
      { file: join(nhsuk, 'nhsuk-frontend.min.css'), maxAge: ONE_YEAR_MS, immutable: true },
    ],
    [
      '/assets/nhsuk-frontend.min.js',
      { file: join(nhsuk, 'nhsuk-frontend.min.js'), maxAge: ONE_DAY_MS, immutable: false },
    ],
    ['/assets/app.js', { file: join(WEB_STATIC, 'app.js'), maxAge: ONE_DAY_MS, immutable: false }],
    [
      '/assets/manifest.json',
      { file: join(nhsuk, 'assets', 'manifest.json'), maxAge: ONE_DAY_MS, immutable: false },
    ],
  ]);
  const images = join(nhsuk, 'assets', 'images');
  for (const name of readdirSync(images)) {
    table.set(`/assets/images/${name}`, {
      file: join(images, name),
      maxAge: ONE_DAY_MS,
      immutable: false,
    });
  }
  return table;
}

/**
 * NHS.UK frontend's compiled stylesheet, script, icons and manifest, and the UI's own script,
 * served by the node with cache headers (ETag and Last-Modified for revalidation).
 */
@Public()
@Controller('assets')
export class AssetsController {
  private readonly table = assetTable();

  constructor(private readonly pages: Pages) {}

  @Get('*path')
  asset(@Req() req: Request, @Res() res: Response): void {
    const asset = this.table.get(req.path);
    if (!asset) throw new NotFoundException(`No asset ${req.path}`);
    this.pages.applyHeaders(req, res);
    res.sendFile(asset.file, {
      maxAge: asset.maxAge,
      immutable: asset.immutable,
      dotfiles: 'deny',
    });
  }
}
