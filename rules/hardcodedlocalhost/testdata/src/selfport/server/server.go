package server // want package:`listenPorts\(selfport/config#Core\.UF0, selfport/config#Core\.UF1\)`

import (
	"net/http"

	"selfport/config"
)

func Run(cfg *config.Conf) error {
	s := &http.Server{Addr: cfg.Core.Address + ":" + cfg.Core.Port}
	return s.ListenAndServe()
}
