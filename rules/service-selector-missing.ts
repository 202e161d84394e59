import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'service-selector-missing',
    severity: 'warn',
    description: 'A Service (not ExternalName) has no selector and no Endpoints or EndpointSlice of its name',
  },
  create(context) {
    return {
      service(service) {
        // a kustomize patch need not repeat its base's selector
        if (service.selector || service.type === 'ExternalName' || service.partial) return;
        if (context.model.servicesWithEndpoints.has(`${service.namespace}/${service.name}`)) return;
        const empty = service.hasEmptySelector;
        context.report({
          at: empty ? service.ref.keyAt('spec', 'selector') : service.ref.keyAt('spec'),
          object: service.ref,
          message:
            `Service "${service.name}" has ${empty ? 'an empty selector, which selects nothing,' : 'no selector'} and there is no ` +
            `Endpoints or EndpointSlice (label kubernetes.io/service-name: ${service.name}) for it in namespace "${service.namespace}": ` +
            'it has no endpoints. Add a selector, or add the endpoints you manage by hand',
        });
      },
    };
  },
});
