import { SetMetadata } from '@nestjs/common';

/**
 * Who an app's own access guard should let reach one of the shared routes: `public` (a bare
 * liveness answer) or `operator` (metrics, health details). An app without a guard serves them to
 * whoever reaches its port; the node's guard reads this.
 */
export type RouteAccess = 'public' | 'operator';

/** Metadata key of a route's {@link RouteAccess}. */
export const ROUTE_ACCESS = 'borderlink:route-access';

export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS, 'public');
export const OperatorRoute = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS, 'operator');
