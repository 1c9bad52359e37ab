import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { NodeConfig } from '@lessons-network/config';
import ipaddr from 'ipaddr.js';
import { Agent, fetch, type RequestInit, type Response } from 'undici';

/** Largest document fetched from another node (actor, JWKS, directory). */
export const MAX_DOCUMENT_BYTES = 256 * 1024;
/** Timeout of a document fetch. */
const DOCUMENT_TIMEOUT_MS = 5_000;

/** A request refused before it left this node: the address is not one it may call. */
export class AddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefused';
  }
}

/**
 * Which addresses another node may have: public unicast addresses, and whatever ranges the
 * operator listed (`FEDERATION_ALLOW_ADDRESSES`, e.g. loopback for a network on one machine, or a
 * private range inside HSCN). Loopback, private, link-local (cloud metadata), carrier-grade NAT,
 * multicast, unspecified and reserved addresses are refused otherwise; IPv4-mapped IPv6 addresses
 * are judged as the IPv4 address they carry.
 */
export class AddressPolicy {
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(allowed: readonly string[]) {
    this.ranges = allowed.map((range) => ipaddr.parseCIDR(range));
  }

  allows(address: string): boolean {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.process(address.replace(/^\[|\]$/g, ''));
    } catch {
      return false;
    }
    if (
      this.ranges.some(
        ([range, bits]) => range.kind() === parsed.kind() && parsed.match([range, bits] as never),
      )
    )
      return true;
    return parsed.range() === 'unicast';
  }

  /** Throws {@link AddressRefused} if `url` names an address literal this node may not call. */
  checkUrl(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AddressRefused(`not a URL: ${url}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new AddressRefused(`not an http(s) URL: ${url}`);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host) && !this.allows(host))
      throw new AddressRefused(`${host} is not a public address (FEDERATION_ALLOW_ADDRESSES)`);
    return parsed;
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Every request this node makes to another node goes through here (actor documents, keys, the
 * hub's actor at joining, and every delivery): one place where the address is checked **after**
 * DNS resolution, at connection time, so a host name that resolves to a private address (or is
 * rebound to one between two look-ups) is refused like the address itself. No redirects.
 */
@Injectable()
export class OutboundFetcher implements OnModuleDestroy {
  readonly policy: AddressPolicy;
  private readonly agent: Agent;

  constructor(config: NodeConfig) {
    this.policy = new AddressPolicy(config.federationAllowAddresses);
    const policy = this.policy;
    const lookup = (
      hostname: string,
      options: { all?: boolean; family?: number },
      callback: LookupCallback,
    ): void => {
      dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
        if (error) return callback(error, []);
        const refused = addresses.find((a) => !policy.allows(a.address));
        if (refused || addresses.length === 0)
          return callback(
            new AddressRefused(
              `${hostname} resolves to ${refused?.address ?? 'nothing'}, not a public address (FEDERATION_ALLOW_ADDRESSES)`,
            ),
            [],
          );
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      });
    };
    this.agent = new Agent({ connect: { lookup: lookup as never }, connections: 256 });
  }

  /** A request to another node; throws {@link AddressRefused} before connecting to a bad address. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    this.policy.checkUrl(url);
    try {
      return await fetch(url, { ...init, redirect: 'error', dispatcher: this.agent });
    } catch (error) {
      // undici wraps the look-up's refusal: surface it as what it is.
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof AddressRefused) throw cause;
      throw error;
    }
  }

  /**
   * GETs a JSON document from another node with a timeout and a size cap, so a slow or hostile
   * peer cannot hold a request or fill memory.
   */
  async json(url: string, timeoutMs = DOCUMENT_TIMEOUT_MS): Promise<unknown> {
    const response = await this.request(url, {
      headers: { accept: 'application/activity+json, application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`GET ${url} answered ${response.status}`);
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_DOCUMENT_BYTES) {
      await response.body?.cancel();
      throw new Error(`GET ${url}: document too large`);
    }
    // Read at most the cap, whatever the headers said (a chunked body has no length).
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body)
      for await (const chunk of response.body) {
        size += (chunk as Uint8Array).length;
        if (size > MAX_DOCUMENT_BYTES) {
          await response.body.cancel().catch(() => undefined);
          throw new Error(`GET ${url}: document too large`);
        }
        chunks.push(chunk as Uint8Array);
      }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }
}
