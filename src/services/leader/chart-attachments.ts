import type { DataSource, EntityManager } from 'typeorm';
import type { RenderedChart } from '../../charts/render-chart';
import type { MessageAttachment } from '../../outbox/outbound-payload';
import { MediaRepository } from '../../repositories/media.repository';

/** Stores a rendered chart once and gives the attachment a message carries. */
export async function chartAttachment(
  ds: DataSource,
  db: DataSource | EntityManager,
  chart: RenderedChart,
  name: string,
): Promise<MessageAttachment> {
  const mediaId = await new MediaRepository(ds).save(db, {
    kind: 'image',
    filename: `${name}.png`,
    contentType: 'image/png',
    bytes: chart.png,
  });
  return { kind: 'image', mediaId, name };
}

/** Stores a document (the 通报 workbook) and gives its attachment. */
export async function fileAttachment(
  ds: DataSource,
  bytes: Buffer,
  filename: string,
  contentType: string,
): Promise<MessageAttachment> {
  const mediaId = await new MediaRepository(ds).save(ds, { kind: 'file', filename, contentType, bytes });
  return { kind: 'file', mediaId, name: filename };
}

/** The address of a console page with its filter in the query, or null when the service has no public address. */
export function consoleUrl(
  base: string | null | undefined,
  page: string,
  filter: Record<string, string> = {},
): string | null {
  if (!base) return null;
  const query = new URLSearchParams(filter).toString();
  return `${base}/console/${page}${query ? `?${query}` : ''}`;
}

/** The console's page for the same period ("在工作台查看"), when the service has a public address. */
export function consoleLink(
  base: string | null | undefined,
  page: string,
  from: string,
  to: string,
): string[] {
  const url = consoleUrl(base, page, { from, to });
  return url ? [`[在工作台查看](${url})`] : [];
}
