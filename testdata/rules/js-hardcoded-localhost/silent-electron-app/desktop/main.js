const { app, BrowserWindow } = require('electron')
const express = require('express')

const port = 45678
app.whenReady().then(() => {
  const eApp = express()
  eApp.use(express.static(__dirname + '/frontend'))
  const server = eApp.listen(port, '127.0.0.1', () => {
    const win = new BrowserWindow()
    win.loadURL(`http://127.0.0.1:${server.address().port}/`)
  })
})
