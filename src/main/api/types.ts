import type { Contract, OpName, Output, ParsedInput } from '../../shared/contract';
import type { Ctx } from './context';

export type Handler<K extends OpName> = (input: ParsedInput<K>, ctx: Ctx) => Output<K> | Promise<Output<K>>;

/** Handlers for a slice of the contract, e.g. `HandlersFor<typeof unitsContract>`. */
export type HandlersFor<C extends Partial<Contract>> = { [K in keyof C & OpName]: Handler<K> };

export type Handlers = HandlersFor<Contract>;
