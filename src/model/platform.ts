/**
 * Namespaces Kubernetes itself fills: the control plane's static pods, DNS and add-ons live in
 * `kube-system`. A manifest tree never holds all of what runs there, so a selector or a Service
 * name that finds nothing there is unknown, not wrong. (Vendors' managed namespaces are not
 * listed: what a manifest there selects is the user's to get right, as the shared corpora say
 * of GKE's `gke-managed-system`.)
 */
const PLATFORM_NAMESPACES: readonly { readonly name: string; readonly prefix?: true; readonly source: string }[] = [
  { name: 'kube-system', source: 'Kubernetes: control-plane static pods, kube-dns/CoreDNS, kube-proxy and cluster add-ons' },
  { name: 'kube-public', source: 'Kubernetes: created by the cluster (cluster-info)' },
  { name: 'kube-node-lease', source: 'Kubernetes: node heartbeats' },
];

/** Whether the cluster (not the input) fills this namespace. */
export function isPlatformNamespace(namespace: string): boolean {
  return PLATFORM_NAMESPACES.some((p) => (p.prefix ? namespace.startsWith(p.name) : namespace === p.name));
}
