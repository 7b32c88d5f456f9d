// "Pacts for verification" from a Pact Broker, the way the Pact Verifier asks for them: the index, its
// `pb:provider-pacts-for-verification` resource, a POST of the selectors to it, then each pact. The answer
// says per pact whether it is pending (its failures do not fail the provider's build) or work in progress.
import { BROKER_EXIT, BrokerError, brokerRequest, link, type BrokerAuth } from './broker-client.ts';

/** The Pact docs' recommended selectors: the main branch, what is deployed or released, the same branch. */
export const DEFAULT_SELECTORS: Record<string, unknown>[] = [{ mainBranch: true }, { deployedOrReleased: true }, { matchingBranch: true }];

export interface BrokerQuery {
  brokerUrl: string;
  auth: BrokerAuth;
  provider: string;
  selectors?: Record<string, unknown>[];
  providerBranch?: string;
  enablePending?: boolean;
  includeWipPactsSince?: string;
}

export interface BrokerPact {
  /** The pact's URL at the broker (its `self` link), which the Verifier publishes results through. */
  url: string;
  json: Record<string, unknown>;
  pending: boolean;
  wip: boolean;
  notices: string[];
}

export async function pactsForVerification(q: BrokerQuery): Promise<BrokerPact[]> {
  const base = q.brokerUrl.replace(/\/+$/, '');
  const { json: index } = await brokerRequest('GET', `${base}/`, q.auth, "the Pact Broker's index");
  const href = link(index, 'pb:provider-pacts-for-verification', { provider: q.provider });
  if (!href) {
    throw new BrokerError(`${base} answers, but its index has no pb:provider-pacts-for-verification link: is --broker-url a Pact Broker (version 2.41 or later)?`, BROKER_EXIT.unreachable);
  }
  const { json: resource } = await brokerRequest('GET', href, q.auth, 'the pacts-for-verification resource');
  const body = {
    consumerVersionSelectors: q.selectors ?? DEFAULT_SELECTORS,
    ...(q.providerBranch ? { providerVersionBranch: q.providerBranch } : {}),
    includePendingStatus: !!q.enablePending,
    ...(q.includeWipPactsSince ? { includeWipPactsSince: q.includeWipPactsSince } : {}),
  };
  const { json: answer } = await brokerRequest('POST', link(resource, 'self') ?? href, q.auth, `the pacts for verification of ${q.provider}`, body);
  type Entry = { verificationProperties?: { pending?: boolean; wip?: boolean; notices?: { text?: string }[] }; _links?: { self?: { href?: string } } };
  const entries = ((answer._embedded as { pacts?: Entry[] } | undefined)?.pacts ?? []).filter((e) => e._links?.self?.href);
  const pacts: BrokerPact[] = [];
  for (const e of entries) {
    const url = e._links!.self!.href!;
    const { json } = await brokerRequest('GET', url, q.auth, `the pact at ${url}`);
    const props = e.verificationProperties ?? {};
    pacts.push({ url, json, pending: !!props.pending, wip: !!props.wip, notices: (props.notices ?? []).map((n) => n.text ?? '').filter(Boolean) });
  }
  return pacts;
}
