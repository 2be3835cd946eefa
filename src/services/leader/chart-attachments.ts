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

/** The console's page for the same period ("在工作台查看"), when the service has a public address. */
export function consoleLink(
  base: string | null | undefined,
  page: string,
  from: string,
  to: string,
): string[] {
  return base ? [`[在工作台查看](${base}/console/${page}?from=${from}&to=${to})`] : [];
}
