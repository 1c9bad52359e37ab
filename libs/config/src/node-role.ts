/** What kind of organisation a node serves (PRODUCT.md, "The product"). */
export enum NodeRole {
  Trust = 'trust',
  Commissioner = 'commissioner',
  Regulator = 'regulator',
  Hub = 'hub',
}

export const NODE_ROLES: readonly NodeRole[] = Object.values(NodeRole);
