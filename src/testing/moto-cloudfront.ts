/**
 * moto's CloudFront `ListDistributions` returns summaries with only the id, ARN, status and domain name (no
 * aliases, behaviours, origins or viewer certificate), where AWS returns every setting but logging. This
 * answers the call, through the fault proxy's `respond` hook, in AWS's shape from moto's own state: the ids from
 * moto's list, each distribution's configuration from moto's GetDistribution, with `Logging` and the other
 * members a summary does not carry removed. The collector's real SDK call and normalizer then run on it, and its
 * GetDistributionConfig calls still go to moto.
 */
import type { ProxiedRequest, ProxyAnswer } from './fault-proxy.js';

const NOT_IN_SUMMARY = ['CallerReference', 'DefaultRootObject', 'Logging'];

/** The inner XML of the first `<tag>…</tag>` (no nesting of the same tag in CloudFront's documents). */
function inner(xml: string, tag: string): string | undefined {
  const start = xml.indexOf(`<${tag}>`);
  const end = xml.indexOf(`</${tag}>`, start);
  return start < 0 || end < 0 ? undefined : xml.slice(start + tag.length + 2, end);
}

/**
 * A `respond` hook for {@link startFaultProxy}: answers `GET /2020-05-31/distribution` (ListDistributions) from
 * moto at `motoEndpoint`, and leaves every other request to be forwarded.
 */
export function cloudFrontListDistributions(
  motoEndpoint: string,
): (req: ProxiedRequest & { path: string; headers: Record<string, string> }) => Promise<ProxyAnswer | undefined> {
  return async (req) => {
    if (req.service !== 'cloudfront' || !/^GET \/2020-05-31\/distribution$/.test(req.operation)) return undefined;
    const headers = { authorization: req.headers.authorization ?? '', 'x-amz-date': req.headers['x-amz-date'] ?? '' };
    const get = async (path: string) => {
      const res = await fetch(`${motoEndpoint}${path}`, { headers, signal: AbortSignal.timeout(10000) });
      if (!res.ok) throw new Error(`moto ${path}: HTTP ${res.status}`);
      return res.text();
    };
    const list = await get('/2020-05-31/distribution');
    const ids = [...list.matchAll(/<DistributionSummary><Id>([^<]+)<\/Id>/g)].map((m) => m[1] ?? '');
    const summaries: string[] = [];
    for (const id of ids) {
      const d = await get(`/2020-05-31/distribution/${encodeURIComponent(id)}`);
      let config = inner(d, 'DistributionConfig') ?? '';
      for (const tag of NOT_IN_SUMMARY) config = config.replace(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>|<${tag}/>`), '');
      const head = ['Id', 'ARN', 'Status', 'LastModifiedTime', 'DomainName'].map((t) => `<${t}>${inner(d, t) ?? ''}</${t}>`).join('');
      summaries.push(`<DistributionSummary>${head}${config}<Staging>false</Staging></DistributionSummary>`);
    }
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">' +
      `<Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>${summaries.length}</Quantity>` +
      (summaries.length ? `<Items>${summaries.join('')}</Items>` : '') +
      '</DistributionList>';
    return { status: 200, type: 'text/xml', body };
  };
}
