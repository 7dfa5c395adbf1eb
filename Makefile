# Os dois comandos do README. Tudo o mais está em scripts/.
.PHONY: run test ci

run:
	bash scripts/preparar.sh
	bash scripts/rodar.sh

test:
	bash scripts/preparar.sh --testes
	bash scripts/testes.sh

ci:
	bash .ci/run
