import type { AppContext, Caller } from '../services/context';
import type { Channel, OutputOf, ParsedInputOf } from '../api/contract';

export type Handler<C extends Channel> = (
  ctx: AppContext,
  caller: Caller,
  input: ParsedInputOf<C>,
) => OutputOf<C> | Promise<OutputOf<C>>;
/** The handlers of one area: exactly the channels whose names start with that area's prefix. */
export type HandlersFor<P extends string> = { [C in Channel as C extends `${P}:${string}` ? C : never]: Handler<C> };
