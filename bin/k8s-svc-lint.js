#!/usr/bin/env node
import '../dist/k8s-svc-lint.mjs';
