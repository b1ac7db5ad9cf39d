// The public HTTP API: one throttled stage with JSON access logs that never record a client's address, and routes
// added through the catalog's HttpMethod so every method the catalog can name maps to API Gateway's.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpMethod as ApiMethod,
  type CfnStage,
  HttpApi,
  type HttpRoute,
  type HttpRouteIntegration,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpMethod } from '../functions/catalog.ts';
import { ACCESS_LOG_FIELDS, API_THROTTLE, LOG_RETENTION_DAYS } from './defaults.ts';

/** Every method the catalog can name, and API Gateway's name for it: a new method does not compile until mapped. */
export const API_METHODS: Readonly<Record<HttpMethod, ApiMethod>> = {
  GET: ApiMethod.GET,
  HEAD: ApiMethod.HEAD,
  POST: ApiMethod.POST,
  PUT: ApiMethod.PUT,
  PATCH: ApiMethod.PATCH,
  DELETE: ApiMethod.DELETE,
};

export interface PublicApiProps {
  /** @default 'Sunshine Hotline public API' */
  readonly description?: string;
  /** Requests per second and burst of the stage. @default API_THROTTLE (50/s, bursts of 100) */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Days the access logs are kept. @default LOG_RETENTION_DAYS (365) */
  readonly accessLogRetentionDays?: number;
}

export interface PublicRoute {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `{name}` is one segment, `{name+}` the rest of the path. */
  readonly path: string;
  readonly integration: HttpRouteIntegration;
  readonly authorizer: IHttpRouteAuthorizer;
  /** A tighter limit for this route than the stage's. @default - the stage's throttling */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

export class PublicApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: PublicApiProps = {}) {
    super(scope, id);
    const throttle = props.throttle ?? API_THROTTLE;
    if (throttle.rateLimit <= 0 || throttle.burstLimit < throttle.rateLimit) {
      throw new Error('stage throttling needs a positive rate and a burst at least as large');
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetentionDays ?? LOG_RETENTION_DAYS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // 'Default' keeps the API's logical id, and so its URL, from before this construct.
    this.api = new HttpApi(this, 'Default', {
      description: props.description ?? 'Sunshine Hotline public API',
      createDefaultStage: false,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** The stage's URL. */
  get url(): string {
    return this.api.apiEndpoint;
  }

  addRoute(route: PublicRoute): HttpRoute[] {
    if (!route.path.startsWith('/')) throw new Error(`route path "${route.path}" must start with /`);
    const routes = this.api.addRoutes({
      path: route.path,
      methods: [API_METHODS[route.method]],
      integration: route.integration,
      authorizer: route.authorizer,
    });
    if (route.throttle !== undefined)
      this.#throttleRoute(`${route.method} ${route.path}`, route.throttle, routes);
    return routes;
  }

  // CloudFormation's own property names: an L1 property typed `any` is passed through as written.
  readonly #routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  /** Route settings of the stage, keyed by route key; the stage waits for the route, or CloudFormation refuses. */
  #throttleRoute(
    routeKey: string,
    throttle: { rateLimit: number; burstLimit: number },
    routes: HttpRoute[],
  ): void {
    if (throttle.rateLimit <= 0 || throttle.burstLimit < throttle.rateLimit) {
      throw new Error(`${routeKey}: route throttling needs a positive rate and a burst at least as large`);
    }
    this.#routeSettings[routeKey] = {
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    };
    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = { ...this.#routeSettings };
    for (const route of routes) stage.node.addDependency(route);
  }
}
