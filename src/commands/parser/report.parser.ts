import { looksLikeFirmName, splitFirm, startsLikeDescription } from './firm-split';
import { incomplete, parsed } from './results';
import { cutSpan, splitChunks, tidy } from './text';
import { actsForNamedFirms } from './roles';
import type { CommandParser, ReportCommand } from './types';

/** 上报问题, 反映一个诉求, 提交困难, 有个问题, 我们遇到一个困难, 诉求：…: the opening that makes a report. */
const OPENING_RE =
  /^(?:我们|我司|公司|企业|这边)?(?:(?:上报|反映|提交|提出|报告)(?:一下|一个|一|个|了)*(问题|诉求|困难|需求)?|(?:有|遇到了?|碰到了?)(?:一个|一|个|点)+(问题|诉求|困难|需求))|^(问题|诉求|困难|需求)\s*[:：]/;

/** 【土地】, [土地], 类别：土地 — the category the sender names; matched against the catalogue later. */
const CATEGORY_RE =
  /【([^】]{1,12})】|\[([^\]]{1,12})\]|(?:类别|分类|问题类别)\s*[:：]\s*([^\s,，。;；:：]{1,12})/;

/** Labels people put before the description itself. */
const DESCRIPTION_LABEL_RE = /^(?:问题描述|描述|内容|具体情况|情况)\s*[:：]?/;

/**
 * 上报问题 [企业] [【类别】] 描述. In an enterprise group, or from an enterprise contact, the firm is known
 * and everything is the description; a cadre names the firm first ("上报问题 曲江文旅 用地指标紧张").
 */
export const parseReport: CommandParser = (text, ctx) => {
  const opening = OPENING_RE.exec(text);
  if (opening === null) return null;
  const noun = opening[1] ?? opening[2] ?? opening[3];
  const kind: ReportCommand['kind'] = noun === '诉求' || noun === '需求' ? 'request' : 'problem';
  let body = text.slice(opening[0].length);

  const category = CATEGORY_RE.exec(body);
  if (category !== null) body = cutSpan(body, category.index, category[0].length);
  // A cadre names the firm first; a contact or an enterprise group's member speaks for a known firm.
  const namesFirm = ctx.groupEnterprise === null && actsForNamedFirms(ctx.roles);
  let enterprise: string | null = null;
  const chunks = splitChunks(body);
  if (namesFirm && chunks.length > 0) {
    const split = splitFirm(chunks[0]);
    // A single long chunk with no firm-name ending is a description whose firm was left out.
    const firmFirst = chunks.length > 1 || split.rest !== '' || looksLikeFirmName(chunks[0]);
    if (firmFirst && !startsLikeDescription(chunks[0])) {
      enterprise = split.firm;
      body = `${split.rest} ${body.slice(body.indexOf(chunks[0]) + chunks[0].length)}`;
    }
  }
  const description = tidy(tidy(body).replace(DESCRIPTION_LABEL_RE, ''));
  const missing = [
    ...(namesFirm && enterprise === null ? ['enterprise'] : []),
    ...(description === '' ? ['description'] : []),
  ];
  const command: ReportCommand = {
    name: 'report',
    enterprise,
    enterpriseId: ctx.groupEnterprise?.id ?? null,
    category: category === null ? null : tidy(category[1] ?? category[2] ?? category[3]),
    kind,
    description,
  };
  if (missing.length > 0) return incomplete('report', missing, command);
  return parsed(command);
};
