/** Who is calling, as established from a verified access token. */
export interface Principal {
  clientId: string;
  scopes: string[];
  /** Plants the caller may touch; '*' means every plant. */
  plants: string[];
  roles: string[];
  purposes: string[];
  tokenId?: string;
  subject: string;
}

export const ALL_PLANTS = '*';

export function canAccessPlant(principal: Principal, plant: string): boolean {
  return principal.plants.includes(ALL_PLANTS) || principal.plants.includes(plant);
}

export function hasScopes(principal: Principal, required: readonly string[]): boolean {
  return required.every((s) => principal.scopes.includes(s));
}
