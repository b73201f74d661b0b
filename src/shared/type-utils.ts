/** `A | B` → `A & B`: joins the parts that each area declares into one table type. */
export type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
